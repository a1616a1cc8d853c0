package io.gatekeep.desk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The attacker's story against the desk UI's own code: a ticket's mail is written by anyone, so no value from the API
 * may become markup, and an agent's bearer token must not be findable in storage, cookies, URLs or the console.
 */
class DeskUiSourceTest {

    private static final Map<String, String> SOURCES = new TreeMap<>();

    @BeforeAll
    static void readTheDeskUi() throws IOException {
        for (Resource file :
                new PathMatchingResourcePatternResolver().getResources("classpath:static/desk-app/**/*.js")) {
            String code = file.getContentAsString(StandardCharsets.UTF_8);
            // comments may name what the code avoids; only code counts
            String withoutComments = Arrays.stream(code.split("\n"))
                    .map(line -> line.replaceAll("(^|\\s)//.*$", ""))
                    .reduce("", (a, b) -> a + b + "\n");
            SOURCES.put(file.getFilename(), withoutComments);
        }
        assertThat(SOURCES).containsKeys("api.js", "session.js", "main.js", "ticket.js", "queue.js", "sign-in.js");
    }

    @Test
    void noTokenIsEverWrittenToStorageCookiesOrTheLog() {
        SOURCES.forEach((file, code) -> assertThat(code)
                .as(file)
                .doesNotContain("localStorage", "sessionStorage", "indexedDB", "document.cookie", "console."));
    }

    @Test
    void nothingFromTheApiBecomesMarkupOrCode() {
        SOURCES.forEach((file, code) -> assertThat(code)
                .as(file)
                .doesNotContain(
                        "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"));
    }

    @Test
    void onlyTheApiModuleTalksToTheDeskAndItPutsNoSecretInAUrl() {
        SOURCES.forEach((file, code) -> {
            if (!file.equals("api.js")) {
                assertThat(code).as(file).doesNotContain("fetch(", "XMLHttpRequest");
            }
        });
        assertThat(SOURCES.get("api.js")).doesNotContainPattern("\\?[^'`]*(token|code|password)=");
    }
}
