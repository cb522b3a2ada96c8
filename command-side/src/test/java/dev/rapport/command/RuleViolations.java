package dev.rapport.command;

import dev.rapport.platform.web.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches the {@link RuleViolation} a fixture test expects, by its machine-readable code. */
public final class RuleViolations {

    private RuleViolations() {
    }

    public static Matcher<RuleViolation> withCode(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation with code ").appendValue(code);
            }
        };
    }
}
