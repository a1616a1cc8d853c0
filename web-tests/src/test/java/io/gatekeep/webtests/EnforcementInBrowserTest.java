package io.gatekeep.webtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.webtests.Accounts.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An owner requires MFA for the organization; a member without it is taken through setup at the next sign-in. */
class EnforcementInBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private Accounts accounts;

    @BeforeEach
    void people() {
        accounts = new Accounts(browser.stack());
    }

    private WebElement toggle() {
        return browser.field("Require multifactor authentication for everyone in " + ownerOrganization);
    }

    private String ownerOrganization;

    @Test
    void ownerConfirmsEnforcementAndTheMemberSetsUpMfaAtTheirNextSignIn() {
        Person owner = accounts.ownerWithMfa();
        ownerOrganization = owner.organizationName();
        Person member = accounts.memberOf(owner, "MEMBER");
        accounts.nextCode();

        Flows.signIn(browser, accounts, owner);
        browser.clickLink("Organization");
        browser.onPage("Organization settings");
        browser.sees(member.email());
        assertThat(toggle().isSelected()).isFalse();
        browser.screenshot("organization-settings");

        toggle().click();
        WebElement dialog = browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).stream()
                .findFirst()
                .orElse(null));
        assertThat(dialog.getText())
                .contains("Require MFA for " + owner.organizationName() + "?")
                .contains("1 member does not use multifactor authentication yet")
                .contains("asked to set it up the next time they sign in");
        browser.screenshot("enforcement-confirmation");
        browser.click("Require MFA");

        browser.waitFor(d -> d.findElement(By.id("enforce-state")).getText().startsWith("Required") ? true : null);
        assertThat(toggle().isSelected()).isTrue();
        Flows.signOut(browser);

        Flows.enterPassword(browser, member);
        browser.onPage("Set up multifactor authentication");
        browser.waitFor(d -> d.findElement(By.id("enforced-by"))
                        .getText()
                        .equals(owner.organizationName()
                                + " requires multifactor authentication. Set it up now to continue.")
                ? true
                : null);
        browser.screenshot("forced-setup");
        Flows.confirmSetup(browser, accounts);
        browser.field("I have saved it").click();
        browser.click("Continue");

        browser.onPage("Your profile");
        assertThat(browser.text()).contains("On since").contains(owner.organizationName());
    }

    @Test
    void ownerWithoutMfaIsToldToTurnItOnForThemselvesFirst() {
        Person owner = accounts.ownerWithoutMfa();
        ownerOrganization = owner.organizationName();
        Flows.signIn(browser, accounts, owner);
        browser.clickLink("Organization");
        browser.onPage("Organization settings");

        assertThat(toggle().isEnabled()).isFalse();
        assertThat(browser.driver().findElement(By.id("enforce-prerequisite")).getText())
                .contains("turn it on for your own account first");
        browser.clickLink("Profile → Set Up");
        browser.onPage("Your profile");
    }
}
