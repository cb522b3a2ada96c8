package dev.rapport.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A JWT's roles, read from a claim given as a dotted path ({@code roles}, {@code realm_access.roles}). */
final class ClaimRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] path;

    ClaimRoles(String claimPath) {
        this.path = claimPath.split("\\.");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : path) {
            value = value instanceof Map<?, ?> claims ? claims.get(step) : null;
        }
        Stream<String> roles;
        if (value instanceof Collection<?> list) {
            roles = list.stream().map(String::valueOf);
        } else if (value instanceof String text) {
            roles = Stream.of(text.split("[\\s,]+"));
        } else {
            return List.of();
        }
        return roles.filter(role -> !role.isBlank())
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(Roles.authority(role)))
                .toList();
    }
}
