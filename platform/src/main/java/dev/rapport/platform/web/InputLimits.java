package dev.rapport.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code rapport.limits.*}: the largest request body accepted (413 above it) and how many live subscriptions
 * (SSE) one user may open per minute (429 with Retry-After above it). String lengths and page sizes are
 * declared on the commands and query parameters themselves.
 */
@ConfigurationProperties("rapport.limits")
public record InputLimits(
        @DefaultValue("256KB") DataSize maxRequestBody,
        @DefaultValue("30") int subscriptionsPerMinute) {
}
