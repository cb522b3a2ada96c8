package dev.rapport.platform.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint of every deployable behind the four roles of {@link AccessRules}: stateless, no sessions, no
 * CSRF (a pure API without cookies), 401/403 as problem+json. HTTP Basic with users from configuration by
 * default; {@code rapport.security.mode=oauth2} makes it an OAuth2 resource server taking JWTs.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(RapportSecurityProperties.class)
public class RapportSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RapportSecurityAutoConfiguration.class);

    private static SecurityFilterChain common(HttpSecurity http, ProblemResponses problems) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(AccessRules::apply)
                .build();
    }

    /**
     * No Micrometer observations of Spring Security's own: by default it wraps the filter chain, and every filter in it,
     * every authentication and every authorization in one, on every request (9-16% of the request threads' CPU samples,
     * docs/performance.md, "Query and lag paths, round 2"). The HTTP server's observation (http.server.requests, its
     * status and time per endpoint) stays. A deployment that wants them declares its own settings bean.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings rapportSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "rapport.security.mode", havingValue = "basic", matchIfMissing = true)
    static class Basic {

        @Bean
        PasswordEncoder passwordEncoder(RapportSecurityProperties properties, Clock clock) {
            RapportSecurityProperties.CredentialCache cache = properties.credentialCache();
            return new CredentialCheckCache(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock, cache.ttl(),
                    cache.maxEntries());
        }

        /**
         * A plain UserDetailsService on purpose, not the InMemoryUserDetailsManager itself: Spring Security finds a
         * UserDetailsPasswordService bean and then "upgrades" every password it considers weak ({noop} included) to
         * bcrypt on the first successful login, in memory only. Every later request then paid a bcrypt check
         * (~50-100 ms of CPU), and configured users cannot be rewritten anyway.
         */
        @Bean
        UserDetailsService rapportUsers(RapportSecurityProperties properties, ConfigurableEnvironment environment) {
            List<UserDetails> users = new ArrayList<>();
            properties.users().forEach((name, user) -> users.add(toUser(name, user)));
            warnAbout(properties.users(), environment);
            InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
            return manager::loadUserByUsername;
        }

        /**
         * Spring Security's DaoAuthenticationProvider hashes a dummy password (bcrypt, for answering an unknown user as
         * slowly as a known one) lazily, in the first request, unsynchronized: every request arriving before the first
         * hash is done computes its own: after a start under load, half a minute of bcrypt on every busy request thread
         * (docs/performance.md, "Query and lag paths, round 2"). One failed login of an unknown user before the web
         * server takes requests makes it once, at start.
         */
        @Bean
        SmartInitializingSingleton unknownUserHashPreparedAtStart(ObjectProvider<AuthenticationConfiguration> authentication) {
            return () -> {
                try {
                    var manager = authentication.getObject().getAuthenticationManager();
                    if (manager != null) {
                        manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("start-up-check-" + UUID.randomUUID(), ""));
                    }
                } catch (AuthenticationException expected) {
                    // no such user: the point was the dummy hash on the way
                } catch (Exception e) {
                    throw new IllegalStateException("the authentication manager cannot be built", e);
                }
            };
        }

        @Bean
        SecurityFilterChain rapportSecurity(HttpSecurity http) throws Exception {
            ProblemResponses problems = new ProblemResponses("Basic realm=\"Rapport\"");
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems).realmName("Rapport"))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
            return common(http, problems);
        }

        private static UserDetails toUser(String name, RapportSecurityProperties.UserEntry user) {
            String password = user.password();
            if (password == null || !password.startsWith("{")) {
                throw new IllegalStateException("rapport.security.users." + name + ".password must name its encoding, "
                        + "e.g. {bcrypt}$2a$10$... or {noop}secret");
            }
            for (String role : user.roles()) {
                if (!Roles.ALL.contains(role)) {
                    throw new IllegalStateException("rapport.security.users." + name + ".roles: unknown role '" + role
                            + "'; the roles are " + Roles.ALL);
                }
            }
            return User.withUsername(name).password(password)
                    .authorities(user.roles().stream().map(Roles::authority).toArray(String[]::new)).build();
        }

        private static void warnAbout(Map<String, RapportSecurityProperties.UserEntry> users, ConfigurableEnvironment environment) {
            if (users.isEmpty()) {
                log.warn("No users are configured (rapport.security.users.<name>.password/.roles) and rapport.security.mode "
                        + "is basic: every request except health and the API documentation will be refused with 401");
                return;
            }
            PropertySource<?> demo = environment.getPropertySources().get(DemoUsers.PROPERTY_SOURCE);
            if (demo instanceof EnumerablePropertySource<?> demoUsers) {
                TreeSet<String> names = new TreeSet<>();
                for (String key : demoUsers.getPropertyNames()) {
                    if (key.startsWith(DemoUsers.PREFIX)) {
                        names.add(key.substring(DemoUsers.PREFIX.length(), key.indexOf('.', DemoUsers.PREFIX.length())));
                    }
                }
                log.warn("DEMO USERS ARE ACTIVE (Spring profile 'demo', the default when no profile is chosen): {} with the "
                        + "publicly known passwords of classpath:{} (platform module). Never expose this instance; run with "
                        + "the profile 'prod' and your own rapport.security.users or rapport.security.mode=oauth2",
                        names, DemoUsers.RESOURCE);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "rapport.security.mode", havingValue = "oauth2")
    static class OAuth2 {

        @Bean
        SecurityFilterChain rapportSecurity(HttpSecurity http, RapportSecurityProperties properties) throws Exception {
            ProblemResponses problems = new ProblemResponses("Bearer");
            BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
            JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
            roles.setJwtGrantedAuthoritiesConverter(new ClaimRoles(properties.oauth2().rolesClaim()));
            http.oauth2ResourceServer(resourceServer -> resourceServer
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                            .authenticationEntryPoint((request, response, failure) -> {
                                bearer.commence(request, response, failure);
                                problems.commence(request, response, failure);
                            })
                            .accessDeniedHandler(problems))
                    .exceptionHandling(errors -> errors.accessDeniedHandler(problems));
            log.info("OAuth2 resource server: roles from the JWT claim '{}'", properties.oauth2().rolesClaim());
            return common(http, problems);
        }

        /** No users of its own: keeps Boot from generating a password nobody would use. */
        @Bean
        UserDetailsService noUsers() {
            return new InMemoryUserDetailsManager();
        }
    }
}
