package dev.rapport.platform.security;

import java.util.List;

/** The four roles of Rapport's API. A user may hold several. */
public final class Roles {

    /** Commands: every POST/PUT/PATCH/DELETE of the domain API. */
    public static final String WRITER = "writer";
    /** Queries and live streams: every GET of the domain API. */
    public static final String READER = "reader";
    /** The audit trail, time travel, the access log, chain verification: {@code /api/audit/**}. */
    public static final String AUDITOR = "auditor";
    /** Rebuilds and other administration, exports, the event catalog, the actuator. */
    public static final String DATA_TEAM = "data-team";

    public static final List<String> ALL = List.of(WRITER, READER, AUDITOR, DATA_TEAM);

    private Roles() {
    }

    static String authority(String role) {
        return "ROLE_" + role;
    }
}
