package dev.rapport.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.platform.RapportDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

/** The demo users come with the 'demo' profile only, and never together with 'prod'. */
class DemoUsersTest {

    @Test
    void theDemoProfileAddsOneUserPerRoleAndAnAllRolesDemoUser() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setDefaultProfiles("demo");
        new RapportDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("rapport.security.users.reader.roles")).isEqualTo("reader");
        assertThat(environment.getProperty("rapport.security.users.data-team.password")).isEqualTo("{noop}data-team");
        assertThat(environment.getProperty("rapport.security.users.demo.roles")).isEqualTo("writer,reader,auditor,data-team");
    }

    @Test
    void withoutTheDemoProfileThereAreNoDemoUsers() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("prod");
        environment.setDefaultProfiles("demo");
        new RapportDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(DemoUsers.PROPERTY_SOURCE)).isFalse();
        assertThat(environment.getProperty("rapport.security.users.demo.password")).isNull();
    }

    @Test
    void prodAndDemoTogetherRefuseToStart() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("prod", "demo");

        assertThatThrownBy(() -> new RapportDefaults().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'prod' and 'demo'");
    }
}
