package io.gatekeep.webtests;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.gatekeep.webtests.Accounts.Person;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/** What a person does in the browser again and again, step by step as they would. */
final class Flows {

    private Flows() {}

    /** Email and password on the sign-in page; the next page depends on the account. */
    static void enterPassword(Browser browser, Person person) {
        browser.open("/sign-in");
        browser.type("Email", person.email());
        browser.type("Password", person.password());
        browser.click("Sign in");
    }

    /** Signs in with password and (when asked) the code the authenticator shows now. */
    static void signIn(Browser browser, Accounts accounts, Person person) {
        enterPassword(browser, person);
        if (person.secret() != null) {
            browser.onPage("Verification");
            browser.type("Verification code", accounts.code(person));
            browser.click("Verify");
        }
        browser.onPage("Your profile");
    }

    static void signOut(Browser browser) {
        browser.click("Sign out");
        browser.onPage("Sign in");
    }

    /**
     * What a phone does: reads the QR code shown on the setup page and takes the secret out of it. A fresh code
     * arrives as a new image that the browser decodes in its own time, so the phone keeps looking until a loaded,
     * visible image reads as a QR code, as a person holds the camera up until it beeps.
     */
    static String scanQr(Browser browser) {
        try {
            return browser.waitFor(d -> d.findElements(By.cssSelector("img.qr")).stream()
                    .filter(WebElement::isDisplayed)
                    .filter(img -> Boolean.TRUE.equals(
                            browser.script("return arguments[0].complete && arguments[0].naturalWidth > 0", img)))
                    .findFirst()
                    .map(Flows::readQr)
                    .orElse(null));
        } catch (TimeoutException e) {
            throw new AssertionError("The page shows no readable QR code", e);
        }
    }

    private static String readQr(WebElement qr) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.getScreenshotAs(OutputType.BYTES)));
            String uri = new MultiFormatReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
            return Accounts.secretOf(uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException e) {
            return null; // not painted yet: look again
        }
    }

    /** On the setup page: scans the QR, enters the code, and answers the recovery code shown. */
    static String confirmSetup(Browser browser, Accounts accounts) {
        String secret = scanQr(browser);
        browser.type(
                "6-digit code from the app",
                Totp.code(secret, browser.stack().clock().instant()));
        browser.click("Verify");
        browser.onPage("Save your recovery code");
        return secret;
    }
}
