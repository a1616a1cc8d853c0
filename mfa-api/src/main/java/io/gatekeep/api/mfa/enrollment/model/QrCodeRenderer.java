package io.gatekeep.api.mfa.enrollment.model;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * Renders text (the otpauth URI) as a PNG QR code data URI, {@code data:image/png;base64,…}. Rendering is local on
 * purpose: third-party chart services would see the TOTP secret. Thread-safe.
 */
public final class QrCodeRenderer {

    public static final String DATA_URI_PREFIX = "data:image/png;base64,";
    private static final int DEFAULT_SIZE_PIXELS = 256;

    private final int sizePixels;

    public QrCodeRenderer(int sizePixels) {
        this.sizePixels = sizePixels;
    }

    public QrCodeRenderer() {
        this(DEFAULT_SIZE_PIXELS);
    }

    public String pngDataUri(String content) {
        return DATA_URI_PREFIX + Base64.getEncoder().encodeToString(png(content));
    }

    public byte[] png(String content) {
        try {
            // Medium error correction keeps the code small enough for phone cameras at 256 px; margin 2 modules.
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            content,
                            BarcodeFormat.QR_CODE,
                            sizePixels,
                            sizePixels,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    2,
                                    EncodeHintType.CHARACTER_SET,
                                    "UTF-8"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Content does not fit in a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the QR code PNG", e);
        }
    }
}
