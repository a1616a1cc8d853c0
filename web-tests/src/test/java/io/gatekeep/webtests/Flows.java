package io.gatekeep.webtests;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.gatekeep.webtests.Accounts.Person;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
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

    private static final String PNG_DATA_URI = "data:image/png;base64,";

    private static String readQr(WebElement qr) {
        try {
            // the image the page shows, as its own pixels: a screenshot of it goes through the browser's scaling
            // and compositing, and a dense code then does not always read even when it is plainly on screen
            String src = qr.getAttribute("src");
            boolean ownPixels = src != null && src.startsWith(PNG_DATA_URI);
            byte[] shown = ownPixels
                    ? Base64.getDecoder().decode(src.substring(PNG_DATA_URI.length()))
                    : qr.getScreenshotAs(OutputType.BYTES);
            String uri = qrText(ImageIO.read(new ByteArrayInputStream(shown)), ownPixels);
            return uri == null ? null : Accounts.secretOf(uri); // null: not painted yet, look again
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of the QR code in {@code image}, or null. The code's own pixels ({@code exact}) are read module by
     * module first, as the API's tests read the PNG: zxing's finder-pattern search misses some valid codes (one
     * rendered here read only that way). Then, and for screenshots, as a camera sees it: with white space around and
     * large enough, since a tight crop of a dense code at a few pixels per module does not always read, even when
     * painted.
     */
    static String qrText(BufferedImage image, boolean exact) {
        if (exact) {
            try {
                return new QRCodeReader()
                        .decode(
                                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                        .getText();
            } catch (ReaderException e) {
                // not a whole code edge to edge: search for it below
            }
        }
        BufferedImage framed = framed(image, 3, 24);
        for (BinaryBitmap bitmap : List.of(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(framed))),
                new BinaryBitmap(new GlobalHistogramBinarizer(new BufferedImageLuminanceSource(framed))))) {
            try {
                return new MultiFormatReader()
                        .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                        .getText();
            } catch (NotFoundException e) {
                // try the other reading
            }
        }
        return null;
    }

    /** {@code image} scaled up {@code scale} times, pixel for pixel, inside a white border of {@code margin}. */
    private static BufferedImage framed(BufferedImage image, int scale, int margin) {
        int width = image.getWidth() * scale + 2 * margin;
        int height = image.getHeight() * scale + 2 * margin;
        BufferedImage framed = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = framed.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, margin, margin, image.getWidth() * scale, image.getHeight() * scale, null);
        } finally {
            g.dispose();
        }
        return framed;
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
