package dev.rapport.platform.security;

import jakarta.servlet.DispatcherType;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what, by path prefix and HTTP method, so an endpoint added later under an existing prefix
 * falls under the right role without an edit here. Whatever no rule names is denied.
 */
public final class AccessRules {

    /** The prefixes of the domain API: reads are for readers, every other method is a command for writers. */
    static final String[] DOMAIN = {
            "/api/customers", "/api/customers/**",
            "/api/sales", "/api/sales/**",
            "/api/complaints", "/api/complaints/**",
            "/api/interactions", "/api/interactions/**",
            "/api/memberships", "/api/memberships/**",
            "/api/loyalty/**",
            "/api/churn-alerts", "/api/churn-alerts/**",
            "/api/churn-model", "/api/churn-model/**",
            "/api/segments", "/api/segments/**"};

    static final String[] AUDIT = {"/api/audit/**"};

    /** {@code /api/catalog*} is the catalog as JSON and as {@code catalog.md}. */
    static final String[] DATA_TEAM = {"/api/admin/**", "/api/export/**", "/api/catalog*", "/api/catalog/**"};

    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};

    private AccessRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        // the original request was authorised; its error page and async (SSE) re-dispatches are part of it
        rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                .requestMatchers(PUBLIC).permitAll()
                .requestMatchers("/actuator/**").hasRole(Roles.DATA_TEAM)
                .requestMatchers(AUDIT).hasRole(Roles.AUDITOR)
                .requestMatchers(DATA_TEAM).hasRole(Roles.DATA_TEAM)
                .requestMatchers(HttpMethod.GET, DOMAIN).hasRole(Roles.READER)
                .requestMatchers(HttpMethod.HEAD, DOMAIN).hasRole(Roles.READER)
                .requestMatchers(HttpMethod.POST, DOMAIN).hasRole(Roles.WRITER)
                .requestMatchers(HttpMethod.PUT, DOMAIN).hasRole(Roles.WRITER)
                .requestMatchers(HttpMethod.PATCH, DOMAIN).hasRole(Roles.WRITER)
                .requestMatchers(HttpMethod.DELETE, DOMAIN).hasRole(Roles.WRITER)
                .anyRequest().denyAll();
    }
}
