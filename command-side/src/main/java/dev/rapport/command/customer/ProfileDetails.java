package dev.rapport.command.customer;

import java.time.LocalDate;
import java.util.List;

import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A customer profile as a client submits it: the body of register and of profile update. */
@Schema(example = """
        {"displayName": "Li Wei", "type": "INDIVIDUAL", "email": "li.wei@example.com", "phone": "+86 138 0013 8000",
         "preferredChannel": "EMAIL", "locale": "zh-CN", "region": "Shanghai", "tags": ["frequent-flyer"]}""")
public record ProfileDetails(
        @NotBlank @Size(max = 200) String displayName,
        @NotNull CustomerType type,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = "\\+?[0-9 ()\\-]{5,32}", message = "must be a phone number") String phone,
        ContactChannel preferredChannel,
        @Pattern(regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*", message = "must be a language tag such as zh-CN") String locale,
        @Size(max = 100) String region,
        @Past LocalDate dateOfBirth,
        @Size(max = 100) String industry,
        @PositiveOrZero Integer companySize,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {

    CustomerProfile toProfile() {
        return new CustomerProfile(displayName == null ? "" : displayName.strip(), type, blankToNull(email), blankToNull(phone), preferredChannel,
                blankToNull(locale), blankToNull(region), dateOfBirth, blankToNull(industry), companySize, tags);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
