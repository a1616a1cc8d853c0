package io.gatekeep.desk.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads msg-id lists ({@code Message-ID}, {@code In-Reply-To}, {@code References}) tolerantly. */
final class MessageIds {

    static final int MAX_IDS = 1000;

    private static final Pattern BRACKETED = Pattern.compile("<([^<>]*)>");

    private MessageIds() {}

    /**
     * The ids without angle brackets and inner whitespace, in order. Ids written without brackets (broken clients)
     * are taken as whitespace-separated words containing '@'. Only the last {@value #MAX_IDS} are kept.
     */
    static List<String> parse(String value, String where, List<String> notes) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String text = Comments.strip(value);
        List<String> ids = new ArrayList<>();
        Matcher matcher = BRACKETED.matcher(text);
        while (matcher.find()) {
            add(ids, matcher.group(1).replaceAll("\\s+", ""));
        }
        if (ids.isEmpty()) {
            for (String word : text.split("[\\s,]+")) {
                if (word.contains("@")) {
                    add(ids, word);
                }
            }
        }
        if (ids.size() > MAX_IDS) {
            notes.add(where + ": only the last " + MAX_IDS + " of " + ids.size() + " ids kept");
            return List.copyOf(ids.subList(ids.size() - MAX_IDS, ids.size()));
        }
        return ids;
    }

    private static void add(List<String> ids, String id) {
        String clean = HeaderText.singleLine(id);
        if (!clean.isEmpty() && !clean.contains(" ")) {
            ids.add(clean);
        }
    }
}
