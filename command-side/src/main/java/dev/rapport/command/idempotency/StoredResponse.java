package dev.rapport.command.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer given to the first request with a key, as replayed to its duplicates. */
record StoredResponse(int status, Map<String, String> headers, byte[] body) {

    /** The headers that belong to the answer itself, not to the connection or the moment. */
    static final java.util.List<String> REPLAYED_HEADERS = java.util.List.of(
            "Content-Type", "Location", "X-Consistency-Token");

    String headerLines() {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString();
    }

    static Map<String, String> parseHeaderLines(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
