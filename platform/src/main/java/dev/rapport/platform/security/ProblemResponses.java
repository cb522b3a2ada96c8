package dev.rapport.platform.security;

import java.io.IOException;
import java.util.Map;

import dev.rapport.platform.web.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem+json. They are answered by the security filters, before Spring MVC and its
 * {@code ProblemDetailsAdvice}, so they are written here. A 401 names the scheme to use in WWW-Authenticate.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final String challenge;

    /** @param challenge the WWW-Authenticate value of a 401, e.g. {@code Basic realm="Rapport"} */
    ProblemResponses(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        if (!response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                "Authentication is required: send valid credentials");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        ProblemJson.write(request, response, status, title, detail, Map.of());
    }
}
