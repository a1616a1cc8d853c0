/** QR codes rendered locally (zxing): the otpauth URI never leaves the server except in the setup response. */
package io.gatekeep.api.mfa.qr;
