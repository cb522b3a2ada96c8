package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

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
        if (environment.getPropertySources().contains("rapport-defaults")) {
            return;
        }
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource("rapport-defaults", new ClassPathResource("rapport-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
