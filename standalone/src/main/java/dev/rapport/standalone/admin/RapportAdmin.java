package dev.rapport.standalone.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rapport-admin}: the data team's command line, talking to a running Rapport over its HTTP API.
 * Run it from the standalone jar: {@code java -jar standalone.jar admin rebuild customer-view --follow}.
 */
@Command(name = "rapport-admin", mixinStandardHelpOptions = true,
        description = "Rebuild projections, export the event log, verify the tamper-evident chain of a running Rapport.",
        subcommands = {RapportAdmin.Rebuild.class, RapportAdmin.Export.class, RapportAdmin.Verify.class})
public class RapportAdmin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "Rapport's base URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--actor", defaultValue = "rapport-admin", description = "who you are, recorded with audit reads (default: ${DEFAULT-VALUE})")
    String actor;

    @Option(names = "--user", defaultValue = "${env:RAPPORT_USER}",
            description = "user name for HTTP Basic (default: environment variable RAPPORT_USER); needs the data-team role, "
                    + "and auditor for verify")
    String user;

    @Option(names = "--password", defaultValue = "${env:RAPPORT_PASSWORD}", arity = "0..1", interactive = true,
            description = "password (default: environment variable RAPPORT_PASSWORD; --password alone asks for it)")
    String password;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RapportAdmin());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    HttpResponse<InputStream> call(String method, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("X-Actor", actor);
            if (user != null) {
                String credentials = user + ":" + (password == null ? "" : password);
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                response.body().close();
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url + path + ": "
                        + (response.statusCode() == 401 ? "give --user and --password (or RAPPORT_USER and RAPPORT_PASSWORD)"
                        : "user '" + user + "' lacks the role this needs (data-team; auditor for verify)"));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("Rapport at " + url + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String method, String path) {
        HttpResponse<InputStream> response = call(method, path);
        try (InputStream body = response.body()) {
            JsonNode node = JSON.readTree(body);
            if (response.statusCode() >= 400) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + node.path("detail").asString(node.toString()));
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code rebuild <projection> [--follow]}. */
    @Command(name = "rebuild", description = "Rebuild a projection from the start of the log (blue/green, no downtime).")
    static class Rebuild implements Callable<Integer> {

        @ParentCommand
        RapportAdmin admin;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "the projection, e.g. customer-view")
        String projection;

        @Option(names = "--follow", description = "show progress until the rebuild completes")
        boolean follow;

        @Option(names = "--poll-millis", defaultValue = "500", hidden = true)
        long pollMillis;

        @Override
        public Integer call() throws InterruptedException {
            String path = "/api/admin/projections/" + encode(projection) + "/rebuild";
            JsonNode status = admin.json("POST", path);
            PrintWriter out = spec.commandLine().getOut();
            while (follow && isRunning(status)) {
                out.print("\r" + ProgressBar.render(status));
                out.flush();
                Thread.sleep(pollMillis);
                status = admin.json("GET", path);
            }
            out.println((follow ? "\r" : "") + ProgressBar.render(status));
            return "FAILED".equals(status.path("state").asString()) ? 1 : 0;
        }

        private static boolean isRunning(JsonNode status) {
            String state = status.path("state").asString();
            return "RUNNING".equals(state) || "TAILING".equals(state);
        }
    }

    /** {@code export [--from N] [--to N] [--types a,b] [--out file]}. */
    @Command(name = "export", description = "Export stored events as NDJSON (resume with --from = the last line's position).")
    static class Export implements Callable<Integer> {

        @ParentCommand
        RapportAdmin admin;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", defaultValue = "0", description = "export events after this position")
        long from;

        @Option(names = "--to", description = "up to and including this position")
        Long to;

        @Option(names = "--types", description = "comma-separated event types")
        String types;

        @Option(names = "--out", description = "file to write (default: standard output)")
        Path out;

        @Override
        public Integer call() throws IOException {
            StringBuilder path = new StringBuilder("/api/export/events?from=").append(from);
            if (to != null) {
                path.append("&to=").append(to);
            }
            if (types != null) {
                path.append("&types=").append(encode(types));
            }
            HttpResponse<InputStream> response = admin.call("GET", path.toString());
            if (response.statusCode() != 200) {
                throw new CommandLine.ExecutionException(spec.commandLine(), "HTTP " + response.statusCode()
                        + ": " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (InputStream body = response.body();
                 OutputStream sink = out == null ? System.out : Files.newOutputStream(out)) {
                body.transferTo(sink);
            }
            return 0;
        }
    }

    /** {@code verify [--customer id]}. */
    @Command(name = "verify", description = "Recompute the tamper-evident hash chain; exit code 2 when it is broken.")
    static class Verify implements Callable<Integer> {

        @ParentCommand
        RapportAdmin admin;

        @Spec
        CommandSpec spec;

        @Option(names = "--customer", description = "verify one customer's events only")
        String customer;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode result;
            if (customer != null) {
                result = admin.json("GET", "/api/audit/customers/" + encode(customer) + "/verify");
            } else {
                HttpResponse<InputStream> response = admin.call("GET", "/api/audit/verify");
                result = null;
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        JsonNode node = JSON.readTree(line);
                        if (node.has("ok")) {
                            result = node;
                        } else {
                            out.println("checked " + node.path("checked").asLong() + " events, at position " + node.path("position").asLong());
                        }
                    }
                }
                if (result == null) {
                    out.println("verification did not finish");
                    return 3;
                }
            }
            out.println(result);
            return result.path("ok").asBoolean() ? 0 : 2;
        }
    }
}
