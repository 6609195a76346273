#include "viewer/ui/UiText.h"

namespace countyread::viewer {
namespace {

struct Entry {
    const char* zh;
    const char* en;
};

// Indexed by UiText::Key.
const Entry kTable[] = {
    {"CountyRead 县域影像诊断", "CountyRead Remote Reading"},
    {"工作列表", "Worklist"},
    {"刷新", "Refresh"},
    {"患者姓名", "Patient name"},
    {"患者ID", "Patient ID"},
    {"检查类型", "Modality"},
    {"乡镇", "Township"},
    {"状态", "State"},
    {"接收时间", "Received"},
    {"优先级", "Priority"},
    {"检查所见", "Findings"},
    {"诊断意见", "Impression"},
    {"危急值", "Critical finding"},
    {"签名并发送 Sign and send", "Sign and send 签名并发送"},
    {"私钥文件", "Private key"},
    {"私钥密码", "Key password"},
    {"证书", "Certificate"},
    {"浏览…", "Browse…"},
    {"(从服务器获取)", "(from the server)"},
    {"诊断报告", "Report"},
    {"请先在工作列表中双击打开一个检查。", "Double-click a study in the worklist first."},
    {"正在加载…", "Loading…"},
    {"已加载", "Loaded"},
    {"报告已签名并发送", "Report signed and sent"},
    {"报告发送失败", "Report not accepted"},
    {"检查加载失败", "Could not load the study"},
    {"选择私钥文件", "Choose the private key"},
    {"登录", "Log in"},
    {"密码：", "Password:"},
    {"登录失败", "Login failed"},
    {"检查所见和诊断意见不能为空。", "Findings and impression must not be empty."},
    {"该检查没有可显示的图像。", "This study has no displayable images."},
    {"窗宽窗位 (W)", "Window (W)"},
    {"平移 (M)", "Pan (M)"},
    {"缩放 (Z)", "Zoom (Z)"},
    {"探针 (P)", "Probe (P)"},
    {"长度 (L)", "Length (L)"},
    {"角度 (G)", "Angle (G)"},
    {"Cobb角 (C)", "Cobb (C)"},
    {"心胸比 (T)", "CTR (T)"},
    {"椭圆ROI (E)", "Ellipse (E)"},
    {"矩形ROI (Q)", "Rectangle (Q)"},
    {"箭头 (B)", "Arrow (B)"},
    {"文字 (X)", "Text (X)"},
    {"适应 (F)", "Fit (F)"},
    {"1:1 (A)", "1:1 (A)"},
    {"左转 ([)", "Rotate left ([)"},
    {"右转 (])", "Rotate right (])"},
    {"水平翻转 (H)", "Flip H (H)"},
    {"垂直翻转 (V)", "Flip V (V)"},
    {"反相 (I)", "Invert (I)"},
    {"电影 (空格)", "Cine (Space)"},
    {"窗预设", "Presets"},
    {"信息 (O)", "Overlays (O)"},
    {"复位 (Ctrl+R)", "Reset (Ctrl+R)"},
    {"序列", "Series"},
    {"删除标注 (Del)", "Delete annotation (Del)"},
    {"保存标注", "Save annotations"},
    {"标注文字：", "Annotation text:"},
    {"图像已加载", "images loaded"},
    {"增强 (D)", "Enhance (D)"},
    {"MPR 多平面重建", "MPR"},
    {"层块厚度（层）", "Slab (slices)"},
    {"最大密度投影 MIP", "MIP"},
    {"平均", "Mean"},
    {"轴位", "Axial"},
    {"冠状位", "Coronal"},
    {"矢状位", "Sagittal"},
    {"无法进行多平面重建", "MPR is not possible"},
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == UiText::KeyCount, "one entry per key");

}  // namespace

QString UiText::operator()(Key key) const {
    const Entry& e = kTable[key];
    return QString::fromUtf8(chinese() ? e.zh : e.en);
}

QString UiText::state(const std::string& s) const {
    struct Pair {
        const char* code;
        const char* zh;
        const char* en;
    };
    static const Pair pairs[] = {
        {"received", "已接收", "received"},     {"assigned", "已分配", "assigned"},
        {"in_reading", "阅片中", "in reading"}, {"signed", "已签发", "signed"},
        {"delivered", "已回传", "delivered"},
    };
    for (const auto& p : pairs) {
        if (s == p.code) return QString::fromUtf8(chinese() ? p.zh : p.en);
    }
    return QString::fromStdString(s);
}

QString UiText::priority(const std::string& s) const {
    struct Pair {
        const char* code;
        const char* zh;
        const char* en;
    };
    static const Pair pairs[] = {
        {"routine", "常规", "routine"},
        {"urgent", "加急", "urgent"},
        {"emergency", "急诊", "emergency"},
    };
    for (const auto& p : pairs) {
        if (s == p.code) return QString::fromUtf8(chinese() ? p.zh : p.en);
    }
    return QString::fromStdString(s);
}

Language UiText::parseLanguage(const std::string& code) {
    return code == "en" ? Language::English : Language::Chinese;
}

}  // namespace countyread::viewer
