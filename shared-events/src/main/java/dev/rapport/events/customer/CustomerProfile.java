package dev.rapport.events.customer;

import java.time.LocalDate;
import java.util.List;

import dev.rapport.events.privacy.PersonalData;

/**
 * What the business knows about a customer as a person or organisation (DOMAIN.md, Customers).
 *
 * @param displayName      how the customer is named and addressed
 * @param type             individual or organisation
 * @param email            e-mail address, optional
 * @param phone            phone number, optional
 * @param preferredChannel how the customer prefers to be contacted, optional
 * @param locale           language tag such as {@code zh-CN}, optional
 * @param region           address region used for segmentation, optional
 * @param dateOfBirth      individuals only, optional
 * @param industry         organisations only, optional
 * @param companySize      organisations only: number of employees, optional
 * @param tags             segment hints staff attach (e.g. {@code frequent-flyer}, {@code vip-prospect})
 */
public record CustomerProfile(
        @PersonalData String displayName,
        CustomerType type,
        @PersonalData String email,
        @PersonalData String phone,
        ContactChannel preferredChannel,
        String locale,
        String region,
        @PersonalData LocalDate dateOfBirth,
        String industry,
        Integer companySize,
        List<String> tags) {

    public CustomerProfile {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
