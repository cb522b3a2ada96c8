package dev.rapport.platform.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before Spring sees them (an encoded NUL or slash in the path, a malformed
 * URI) and its default answer is an HTML page. This answers those as problem+json like every other error.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + (status < 500 ? "Invalid request" : "Internal error")
                        + "\",\"status\":" + status + ",\"detail\":\"The request was refused by the web server\"}");
                writer.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response cannot take a body: nothing more to say
        }
    }
}
