package dev.rapport.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The command side deployed on its own: takes commands over HTTP, stores events. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CommandSideModule.class)
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
