/** The enforcement setting and who may see or change it, free of frameworks. */
package io.gatekeep.api.enforcement.model;
