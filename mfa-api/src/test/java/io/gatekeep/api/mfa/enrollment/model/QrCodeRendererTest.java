package io.gatekeep.api.mfa.enrollment.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.gatekeep.api.mfa.totp.OtpAuthUri;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeRendererTest {

    private final QrCodeRenderer renderer = new QrCodeRenderer();

    @Test
    void pngDecodesToExactlyTheOtpauthUri() throws Exception {
        String uri =
                new OtpAuthUri("Acme Corp").forAccount("carol+1@example.com", new TotpSecretGenerator().generate());

        String dataUri = renderer.pngDataUri(uri);

        assertThat(dataUri).startsWith("data:image/png;base64,");
        assertThat(decode(dataUri)).isEqualTo(uri);
    }

    static String decode(String dataUri) throws Exception {
        byte[] png = Base64.getDecoder().decode(dataUri.substring(QrCodeRenderer.DATA_URI_PREFIX.length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a readable PNG").isNotNull();
        // a rendered, undistorted image: the finder-pattern detector misreads about 1 in 200 of those
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true))
                .getText();
    }
}
