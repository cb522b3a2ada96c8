package dev.rapport.standalone;

import dev.rapport.command.CommandSideModule;
import dev.rapport.query.QuerySideModule;
import dev.rapport.standalone.admin.RapportAdmin;
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

    /** Starts Rapport; {@code admin ...} runs the data team's command line against a running one instead. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(RapportAdmin.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
        }
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
