package io.gatekeep.api.webclient;

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
 * The attacker's story against the web client's code itself: an injected or third-party script would look for the
 * session token in storage, cookies or the URL, and an unescaped API value would become markup. The client keeps
 * tokens in module memory, builds the page from text nodes and talks to the API from one module only.
 */
class WebClientSourceTest {

    private static final Map<String, String> SOURCES = new TreeMap<>();

    @BeforeAll
    static void readTheClient() throws IOException {
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:static/app/**/*.js")) {
            String code = file.getContentAsString(StandardCharsets.UTF_8);
            // comments may name what the code avoids; only code counts
            String withoutComments = Arrays.stream(code.split("\n"))
                    .map(line -> line.replaceAll("(^|\\s)//.*$", ""))
                    .reduce("", (a, b) -> a + b + "\n");
            SOURCES.put(file.getFilename(), withoutComments);
        }
        assertThat(SOURCES).containsKeys("api.js", "session.js", "main.js", "setup.js");
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
    void onlyTheApiModuleTalksToTheApiAndItPutsNoSecretInAUrl() {
        SOURCES.forEach((file, code) -> {
            if (!file.equals("api.js")) {
                assertThat(code).as(file).doesNotContain("fetch(", "XMLHttpRequest");
            }
        });
        assertThat(SOURCES.get("api.js")).doesNotContainPattern("\\?[^'`]*(token|code|password)=");
    }
}
