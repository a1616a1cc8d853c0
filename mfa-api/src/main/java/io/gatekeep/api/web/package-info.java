/**
 * HTTP concerns shared by every feature: RFC 9457 problem responses (one mapping from failures to problem codes),
 * the client IP, the request size limit and the OpenAPI description.
 */
package io.gatekeep.api.web;
