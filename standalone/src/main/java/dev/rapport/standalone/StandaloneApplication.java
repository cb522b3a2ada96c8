package dev.rapport.standalone;

import dev.rapport.command.CommandSideModule;
import dev.rapport.query.QuerySideModule;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The quickstart: both sides in one JVM, sharing one event store. With no {@code spring.datasource.url}
 * it runs on an embedded PostgreSQL kept under {@code ./data/postgres}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CommandSideModule.class, QuerySideModule.class})
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
