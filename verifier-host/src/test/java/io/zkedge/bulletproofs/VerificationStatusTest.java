package io.zkedge.bulletproofs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerificationStatusTest {

    @Test
    void codesAreTheAbiStatusBytes() {
        assertThat(VerificationStatus.VALID.code()).isZero();
        assertThat(VerificationStatus.INVALID.code()).isEqualTo(1);
        assertThat(VerificationStatus.MALFORMED.code()).isEqualTo(2);
        assertThat(VerificationStatus.UNSUPPORTED.code()).isEqualTo(3);
        for (VerificationStatus status : VerificationStatus.values()) {
            assertThat(VerificationStatus.fromCode(status.code())).isSameAs(status);
        }
    }

    @Test
    void unknownCodeIsRefused() {
        assertThatThrownBy(() -> VerificationStatus.fromCode(4)).hasMessageContaining("code 4");
        assertThatThrownBy(() -> VerificationStatus.fromCode(-1)).hasMessageContaining("code -1");
    }
}
