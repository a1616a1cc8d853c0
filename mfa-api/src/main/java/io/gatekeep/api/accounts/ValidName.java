package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.PlainName;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Applies {@link PlainName#isValid} to an organization or display name (the controller trims it). Null is left to
 * {@code @NotBlank} where the name is required.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidName.Validator.class)
public @interface ValidName {

    String message() default "must be 1-100 characters without control characters or line breaks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PlainName.isValid(value);
        }
    }
}
