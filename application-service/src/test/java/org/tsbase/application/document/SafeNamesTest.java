package org.tsbase.application.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeNamesTest {

    @Test
    void chineseNamesStayAsTheyAre() {
        assertThat(SafeNames.segment("北京京西智造有限公司", 60)).isEqualTo("北京京西智造有限公司");
        assertThat(SafeNames.file("培训台账（2023）.pdf", 100)).isEqualTo("培训台账（2023）.pdf");
    }

    @Test
    void whatWindowsOrMacOsRefuseOrWhatLeavesTheFolderIsReplaced() {
        assertThat(SafeNames.segment("a/b\\c:d*e?f\"g<h>i|j", 60)).isEqualTo("a_b_c_d_e_f_g_h_i_j");
        assertThat(SafeNames.segment("..", 60)).isEqualTo("_");
        assertThat(SafeNames.segment("名称. ", 60)).isEqualTo("名称");
        assertThat(SafeNames.segment("CON", 60)).isEqualTo("_CON");
        assertThat(SafeNames.file("nul.pdf", 60)).isEqualTo("_nul.pdf");
        assertThat(SafeNames.segment("a\u202Egnp.exe", 60)).isEqualTo("a_gnp.exe");
        assertThat(SafeNames.segment("a\nb\tc", 60)).isEqualTo("a_b_c");
    }

    @Test
    void longNamesAreCutKeepingTheExtensionAndDecomposedTextIsComposed() {
        String cut = SafeNames.file("台".repeat(150) + ".pdf", 100);
        assertThat(cut).endsWith(".pdf").hasSize(100);
        assertThat(SafeNames.segment("e\u0301", 10)).isEqualTo("\u00e9");
        assertThat(SafeNames.segment("长".repeat(80), 60)).hasSize(60);
    }
}
