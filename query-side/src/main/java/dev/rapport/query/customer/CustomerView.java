package dev.rapport.query.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Customer 360 as served to API clients. */
public record CustomerView(
        String customerId,
        String displayName,
        String type,
        String email,
        String phone,
        String preferredChannel,
        String locale,
        String region,
        LocalDate dateOfBirth,
        String industry,
        Integer companySize,
        List<String> tags,
        Instant registeredAt,
        Instant updatedAt) {
}
