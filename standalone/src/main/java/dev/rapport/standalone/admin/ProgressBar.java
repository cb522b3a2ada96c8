package dev.rapport.standalone.admin;

import tools.jackson.databind.JsonNode;

/** One line of rebuild progress: a bar, position against head, rate and time left. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    static String render(JsonNode status) {
        long position = status.path("position").asLong();
        long head = Math.max(status.path("head").asLong(), 1);
        double done = Math.min(1.0, (double) position / head);
        int filled = (int) Math.round(done * WIDTH);
        StringBuilder line = new StringBuilder()
                .append(status.path("projection").asString()).append(' ')
                .append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                .append(String.format("%3.0f%% ", done * 100))
                .append(String.format("%,d/%,d ", position, head))
                .append(status.path("state").asString());
        if (status.hasNonNull("eventsPerSecond")) {
            line.append(String.format(" %,.0f events/s", status.path("eventsPerSecond").asDouble()));
        }
        if (status.hasNonNull("etaSeconds") && !"COMPLETED".equals(status.path("state").asString())) {
            line.append(" ETA ").append(status.path("etaSeconds").asLong()).append(" s");
        }
        if (status.hasNonNull("error")) {
            line.append(" error: ").append(status.path("error").asString());
        }
        return line.toString();
    }
}
