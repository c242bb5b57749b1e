package org.tsbase.application.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.tsbase.application.form.ApplicantOpinion;
import org.tsbase.application.form.Contact;
import org.tsbase.application.form.Office;
import org.tsbase.application.form.PointEvidence;
import org.tsbase.application.form.PointEvidence.AnnualPlan;
import org.tsbase.application.form.PointEvidence.Inspection;
import org.tsbase.application.form.PointEvidence.LeadershipBody;
import org.tsbase.application.form.PointEvidence.Mechanism;
import org.tsbase.application.form.PointEvidence.PlanItem;
import org.tsbase.application.form.PointEvidence.RiskAssessment;
import org.tsbase.application.form.PointEvidence.Training;
import org.tsbase.application.form.PointForm;
import org.tsbase.application.form.PointOrganization;
import org.tsbase.application.form.ZoneEvidence;
import org.tsbase.application.form.ZoneEvidence.ParkEvent;
import org.tsbase.application.form.ZoneForm;
import org.tsbase.application.form.ZoneOrganization;

/** The demo organisations (docs/conventions.md) and their forms; dates are placed inside the call's assessment period. */
final class DemoForms {

    static final String SHIJINGSHAN = "91110107MA01B2C34M";
    static final String JINGXI = "91110107MA04D5E63X";
    static final String PARK = "91110107MA07F8G926";
    static final String BAJIAO = "91110107MA0BJ8K93U";

    private DemoForms() {
    }

    /** {@code to} is the last day of the assessment period; {@code signed} the day the form was signed. */
    static PointForm shijingshan(LocalDate to, LocalDate signed) {
        return new PointForm(
                new PointOrganization(SHIJINGSHAN, "北京石景山示范科技有限公司", "王示范", "北京市石景山区示范路1号", "100043",
                        "有限责任公司", "软件和信息技术服务业", new BigDecimal("12000"), 180, PARK),
                new Contact("李示范", "商业秘密保护专员", "010-68880001", null),
                "公司设立商业秘密保护工作领导小组，由总经理任组长；法务部承担日常工作，制定年度工作计划，定期开展培训、检查和泄密风险评估。",
                strongPoint(to, 180), new ApplicantOpinion("王示范", true, signed));
    }

    static PointForm jingxi(LocalDate to, LocalDate signed) {
        return new PointForm(
                new PointOrganization(JINGXI, "北京京西智造有限公司", "周智造", "北京市石景山区京西路18号", "100041",
                        "股份有限公司", "先进制造业", new BigDecimal("35600.5"), 420, null),
                new Contact("吴联络", "法务经理", "13911112222", "wu.lianluo@jingxi.example"),
                "公司将商业秘密保护纳入合规体系，设立保密办公室，对研发、生产、销售环节的涉密人员和载体实行分级管理。",
                strongPoint(to, 420), new ApplicantOpinion("周智造", true, signed));
    }

    /** A point whose evidence falls short of the pass mark: few mechanisms, no plan, one training. */
    static PointForm bajiao(LocalDate to, LocalDate signed) {
        PointEvidence weak = new PointEvidence(new LeadershipBody(true, false), new Office(true, false), 1, 0, 0,
                true, true, false, new BigDecimal("20000"), List.of(Mechanism.PERSONNEL, Mechanism.DOCUMENTS),
                new AnnualPlan(false, List.of()), true, false, false,
                List.of(new Training(to.minusDays(100), true, 30)), true, false,
                List.of(new Inspection(to.minusDays(80), false)), new RiskAssessment(false, false), 95, 30, false,
                false, false, false, 0, false, false);
        return new PointForm(
                new PointOrganization(BAJIAO, "北京八角智能装备有限公司", "郑八角", "北京市石景山区八角路6号", "100040",
                        "有限责任公司", "先进制造业", new BigDecimal("4800"), 95, PARK),
                new Contact("孙专员", "行政主管", "13800001111", null),
                "公司已建立涉密人员和涉密文书管理制度，计划逐步完善商业秘密保护体系。",
                weak, new ApplicantOpinion("郑八角", true, signed));
    }

    static ZoneForm park(LocalDate to, LocalDate signed) {
        ZoneEvidence evidence = new ZoneEvidence(40, 3, new ZoneEvidence.LeadershipBody(true, true),
                new Office(true, true), 5, 2, 2, true, true, true, new BigDecimal("500000"),
                List.of(ZoneEvidence.Mechanism.COORDINATED_PROTECTION, ZoneEvidence.Mechanism.OPERATIONS,
                        ZoneEvidence.Mechanism.RIGHTS_ASSISTANCE),
                new ZoneEvidence.AnnualPlan(true, List.of(ZoneEvidence.PlanItem.VISITS, ZoneEvidence.PlanItem.GUIDANCE,
                        ZoneEvidence.PlanItem.TRAINING, ZoneEvidence.PlanItem.RISK_ASSESSMENT)),
                70, 50,
                List.of(new ParkEvent(to.minusDays(300), true, "宣传培训"), new ParkEvent(to.minusDays(200), true, "法规宣讲"),
                        new ParkEvent(to.minusDays(90), true, "座谈沙龙"), new ParkEvent(to.minusDays(40), true, "宣传培训")),
                110, true, 60, new ZoneEvidence.RiskAssessment(true), 2, true, true, true);
        return new ZoneForm(park(), new Contact("赵园区", "园区办公室主任", "010-68889999", null),
                "园区成立由园区负责人、相关部门负责人和重点企业负责人组成的商业秘密保护工作领导小组，设立维权服务窗口。",
                evidence, new ApplicantOpinion("钱园长", true, signed));
    }

    /** A draft with the organisation filled in and nothing else yet. */
    static ZoneForm parkDraft() {
        return new ZoneForm(park(), null, null, null, null);
    }

    private static ZoneOrganization park() {
        return new ZoneOrganization(PARK, "石景山数字创新产业园运营管理有限公司", "钱园长", "北京市石景山区创新路8号", "100041",
                "科技企业孵化器", 120, new BigDecimal("560000"));
    }

    private static PointEvidence strongPoint(LocalDate to, int staff) {
        return new PointEvidence(new LeadershipBody(true, true), new Office(true, true), 4, 1, 1, true, true, true,
                new BigDecimal("200000"), List.of(Mechanism.values()),
                new AnnualPlan(true, List.of(PlanItem.values())), true, true, true,
                List.of(new Training(to.minusDays(260), true, staff - 20), new Training(to.minusDays(80), true, staff)),
                true, true,
                List.of(new Inspection(to.minusDays(280), true), new Inspection(to.minusDays(60), true)),
                new RiskAssessment(true, true), staff, staff, true, true, false, true, 0, false, false);
    }
}
