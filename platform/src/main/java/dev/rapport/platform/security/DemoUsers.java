package dev.rapport.platform.security;

/** Where the demo users live: one file, added to the environment only when the {@code demo} profile is active. */
public final class DemoUsers {

    public static final String PROFILE = "demo";
    public static final String PROD_PROFILE = "prod";
    public static final String RESOURCE = "rapport-demo-users.properties";
    public static final String PROPERTY_SOURCE = "rapport-demo-users";
    static final String PREFIX = "rapport.security.users.";

    private DemoUsers() {
    }
}
