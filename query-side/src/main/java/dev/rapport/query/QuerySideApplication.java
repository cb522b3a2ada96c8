package dev.rapport.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The query side deployed on its own: follows the event log, serves read models over HTTP. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(QuerySideModule.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
