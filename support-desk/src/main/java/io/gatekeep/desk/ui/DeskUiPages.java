package io.gatekeep.desk.ui;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the desk UI's one HTML page at every path an agent can land on or bookmark; the page's modules and styles
 * are static files under {@code /desk-app/}. The page holds no data: everything comes from the agents' API with the
 * bearer token the page keeps in memory.
 */
@Controller
class DeskUiPages {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Resource page = new ClassPathResource("desk-ui/index.html");

    /** The queue, sign-in and one ticket: the same page, which shows the screen for its path. */
    @GetMapping({"/", "/sign-in", "/tickets/{id}"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noStore())
                .body(page);
    }
}
