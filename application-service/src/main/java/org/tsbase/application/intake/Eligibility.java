package org.tsbase.application.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tsbase.application.call.Call;
import org.tsbase.application.form.PointForm;
import org.tsbase.application.form.ZoneForm;

/**
 * The eligibility flags of a submission (issue 9): what a reviewer should look at, never a refusal. Pure.
 * <ul>
 * <li>{@code CREDIT_CODE_DISTRICT}: characters 3–8 of the 统一社会信用代码 (the registering authority's
 * administrative division, GB 32100-2015) are not the call's {@code districtCode};</li>
 * <li>{@code INDUSTRY_NOT_LISTED}: a POINT's 所属行业 is not one of the notice's 高精尖 industries;</li>
 * <li>{@code PARK_TYPE_NOT_LISTED}: a ZONE's 园区类型 is not one of the park types the notice names;</li>
 * <li>{@code STAFF_MISMATCH}: a POINT's 员工数量 differs from the evidence's 员工总数 ({@code totalStaff}).</li>
 * </ul>
 * The messages are Chinese (the reviewers' language); {@code code} is for clients that translate.
 */
public final class Eligibility {

    /** 通知: "以高精尖产业（先进制造业、软件和信息服务业、科技服务业）为核心，兼顾其他产业". */
    public static final List<String> INDUSTRIES = List.of("先进制造业", "软件和信息服务业", "科技服务业");
    /** 通知: "高新技术产业园区、经济技术开发区、高新技术特色产业基地、科技企业孵化器、留学人员创业园等园区及产业集聚区". */
    public static final List<String> PARK_TYPES = List.of("高新技术产业园区", "经济技术开发区", "高新技术特色产业基地",
            "科技企业孵化器", "留学人员创业园", "产业集聚区");
    /** The form's "other" value: {@code 其他} or {@code 其他：<text>}. */
    public static final String OTHER = "其他";

    private Eligibility() {
    }

    public static List<Application.EligibilityFlag> flags(Application a, Call call) {
        List<Application.EligibilityFlag> flags = new ArrayList<>();
        String code = a.creditCode();
        if (call.districtCode() != null && code != null && code.length() == 18
                && !code.substring(2, 8).equals(call.districtCode())) {
            flags.add(new Application.EligibilityFlag("CREDIT_CODE_DISTRICT", "统一社会信用代码中的登记管理机关行政区划码为 "
                    + code.substring(2, 8) + "，与本批次的区县代码 " + call.districtCode() + "（" + call.district()
                    + "）不一致"));
        }
        if (a.form() instanceof PointForm f && f.organization() != null) {
            String industry = f.organization().industry();
            if (industry != null && !INDUSTRIES.contains(industry.strip())) {
                flags.add(new Application.EligibilityFlag("INDUSTRY_NOT_LISTED", "所属行业“" + industry.strip()
                        + "”不在通知所列高精尖产业（" + String.join("、", INDUSTRIES) + "）之内"));
            }
            Integer employees = f.organization().employeeCount();
            Integer total = f.evidence() == null ? null : f.evidence().totalStaff();
            if (employees != null && total != null && !Objects.equals(employees, total)) {
                flags.add(new Application.EligibilityFlag("STAFF_MISMATCH", "员工数量 " + employees
                        + " 与佐证中的员工总数 " + total + " 不一致"));
            }
        }
        if (a.form() instanceof ZoneForm f && f.organization() != null) {
            String parkType = f.organization().parkType();
            if (parkType != null && !PARK_TYPES.contains(parkType.strip())) {
                flags.add(new Application.EligibilityFlag("PARK_TYPE_NOT_LISTED", "园区类型“" + parkType.strip()
                        + "”不在通知所列园区类型（" + String.join("、", PARK_TYPES) + "）之内"));
            }
        }
        return flags;
    }
}
