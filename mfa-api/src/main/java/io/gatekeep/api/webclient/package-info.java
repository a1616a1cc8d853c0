/** The web client: the product's screens, served as static ES modules from the API's own origin. */
package io.gatekeep.api.webclient;
