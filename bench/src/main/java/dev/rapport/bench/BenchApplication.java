package dev.rapport.bench;

import dev.rapport.command.CommandSideModule;
import dev.rapport.query.QuerySideModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Rapport as the standalone quickstart wires it (both sides, one event store), started in-process by the bench. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CommandSideModule.class, QuerySideModule.class})
public class BenchApplication {
}
