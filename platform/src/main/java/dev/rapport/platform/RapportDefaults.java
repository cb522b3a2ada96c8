package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.rapport.platform.security.DemoUsers;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code rapport-defaults.properties} as the lowest-priority property source of every Rapport
 * application, so each deployable (command side, query side, standalone) gets the same Axon settings
 * without repeating them, and any of them can still be overridden.
 * <p>
 * Under the {@code demo} profile it adds the demo users of {@code rapport-demo-users.properties}; with
 * {@code prod} active as well it refuses to start.
 * <p>
 * It also switches off Axon's update checker before Axon starts: the checker reads a system property,
 * not the Spring environment, and the product must never phone home.
 */
public class RapportDefaults implements EnvironmentPostProcessor {

    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        if (!environment.getPropertySources().contains("rapport-defaults")) {
            environment.getPropertySources().addLast(load("rapport-defaults", "rapport-defaults.properties"));
        }
        addDemoUsersIfDemo(environment);
    }

    /** The demo users, only under the {@code demo} profile (the deployables' default), never together with {@code prod}. */
    private static void addDemoUsersIfDemo(ConfigurableEnvironment environment) {
        boolean demo = environment.matchesProfiles(DemoUsers.PROFILE);
        if (demo && environment.matchesProfiles(DemoUsers.PROD_PROFILE)) {
            throw new IllegalStateException("The profiles 'prod' and 'demo' are both active: a production start must never "
                    + "get the demo users of " + DemoUsers.RESOURCE + ". Remove 'demo' from spring.profiles.active "
                    + "(with 'prod' active the default profile 'demo' does not apply)");
        }
        if (demo && !environment.getPropertySources().contains(DemoUsers.PROPERTY_SOURCE)) {
            environment.getPropertySources().addLast(load(DemoUsers.PROPERTY_SOURCE, DemoUsers.RESOURCE));
        }
    }

    private static ResourcePropertySource load(String name, String resource) {
        try {
            return new ResourcePropertySource(name, new ClassPathResource(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
