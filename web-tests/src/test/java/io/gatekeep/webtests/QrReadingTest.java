package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The browser tests' phone reads every valid code the setup page shows, not only those zxing's finder search finds. */
class QrReadingTest {

    @Test
    void readsACodeFromItsOwnPixelsThatTheFinderSearchMisses() throws IOException {
        BufferedImage shown;
        try (InputStream png = QrReadingTest.class.getResourceAsStream("/qr/finder-search-misses.png")) {
            shown = ImageIO.read(png);
        }

        assertThat(Flows.qrText(shown, true))
                .startsWith(
                        "otpauth://totp/Gatekeep:newcomer-a6e418c0@example.test?secret=HZFZ5XLZXYBX7Z3YYBPZHKH2VXIRVODJ");
    }
}
