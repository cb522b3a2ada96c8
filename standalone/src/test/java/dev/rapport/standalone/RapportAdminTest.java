package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.rapport.standalone.admin.RapportAdmin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The data team's command line against a running Rapport: rebuild with progress, export, verify. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                // its own database: the export below counts every stored event
                "spring.application.name=rapport-admin-cli"})
class RapportAdminTest {

    @LocalServerPort
    int port;

    @Test
    void rebuildExportAndVerifyFromTheCommandLine() throws Exception {
        Http http = new Http(port);
        for (int i = 0; i < 3; i++) {
            http.post("/api/customers", "{\"displayName\": \"Cli " + i + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
        }

        var rebuild = admin("rebuild", "customer-timeline", "--follow", "--poll-millis=50");
        assertThat(rebuild.exitCode()).as(rebuild.output()).isZero();
        assertThat(rebuild.output()).contains("customer-timeline [").contains("COMPLETED");

        Path file = Files.createTempFile("rapport-export", ".ndjson");
        var export = admin("export", "--out=" + file);
        assertThat(export.exitCode()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(3).allMatch(line -> line.contains("CustomerRegistered\",\"revision\""));

        var verify = admin("verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("\"ok\":true");

        var unknown = admin("rebuild", "no-such-projection");
        assertThat(unknown.exitCode()).isNotZero();

        var anonymous = run("--url=http://localhost:" + port, "verify");
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).contains("HTTP 401").contains("--user");
        var writerOnly = run("--url=http://localhost:" + port, "--user=only-writer", "--password=writer-secret", "export");
        assertThat(writerOnly.exitCode()).isNotZero();
        assertThat(writerOnly.output()).contains("HTTP 403");
    }

    /** As the test user holding every role (verify needs auditor, the rest data-team). */
    private Result admin(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--url=http://localhost:" + port;
        all[1] = "--user=" + Http.TEST_USER;
        all[2] = "--password=" + Http.TEST_PASSWORD;
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        int exit = RapportAdmin.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Result(exit, out.toString());
    }

    private record Result(int exitCode, String output) {
    }
}
