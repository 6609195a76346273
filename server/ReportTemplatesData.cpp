// The built-in report templates (Chinese, the common township examinations). A county can
// replace them with its own file: [reports] templates = "templates.json" (same format).
#include "server/ReportTemplates.h"

namespace countyread::server {

const char* const kBuiltinReportTemplates = R"CRJSON({
  "templates": [
    {
      "id": "dr-chest-pa",
      "name": "胸部正位片（DR）",
      "modalities": ["DX", "CR", "DR"],
      "body_parts": ["CHEST"],
      "findings": "胸廓对称，气管居中。两肺纹理清晰，走行自然，两肺野未见明显实变及占位影。两肺门不大。心影大小、形态正常。两膈面光整，两侧肋膈角锐利。所见骨骼未见明显异常。",
      "impression": "胸部正位片未见明显异常。",
      "recommendations": "",
      "phrases": [
        "两肺纹理增多、增粗。",
        "右肺下叶见斑片状模糊影，边缘不清。",
        "左肺上叶见结节状高密度影，边界清楚。",
        "心影增大，心胸比约为0.55。",
        "主动脉结突出，可见钙化。",
        "右侧肋膈角变钝，考虑少量胸腔积液。",
        "考虑支气管炎，建议结合临床。",
        "考虑右肺下叶肺炎，建议抗炎治疗后复查。",
        "建议进一步胸部CT检查。"
      ]
    },
    {
      "id": "dr-limb",
      "name": "四肢关节片（DR）",
      "modalities": ["DX", "CR", "DR"],
      "body_parts": ["EXTREMITY", "KNEE", "HAND", "WRIST", "ANKLE", "FOOT", "ELBOW", "SHOULDER", "HIP", "ARM", "LEG"],
      "findings": "所摄骨骼骨质结构完整，未见明显骨折及骨质破坏征象。关节间隙正常，关节面光整。周围软组织未见明显肿胀。",
      "impression": "所摄部位骨质未见明显异常。",
      "recommendations": "",
      "phrases": [
        "骨皮质连续性中断，可见透亮骨折线，断端无明显移位。",
        "断端对位对线良好。",
        "关节间隙变窄，关节边缘骨质增生。",
        "周围软组织肿胀。",
        "考虑骨折，建议骨科就诊。",
        "考虑退行性骨关节病。",
        "建议两周后复查。"
      ]
    },
    {
      "id": "dr-lumbar",
      "name": "腰椎正侧位片（DR）",
      "modalities": ["DX", "CR", "DR"],
      "body_parts": ["LSPINE", "SPINE"],
      "findings": "腰椎生理曲度存在，序列整齐。各椎体形态、骨质密度未见明显异常，椎间隙未见明显变窄。附件结构未见明显异常。",
      "impression": "腰椎正侧位片未见明显异常。",
      "recommendations": "",
      "phrases": [
        "腰椎生理曲度变直。",
        "多个椎体边缘骨质增生，呈唇样改变。",
        "L4/5椎间隙变窄。",
        "考虑腰椎退行性变。",
        "建议腰椎MRI检查。"
      ]
    },
    {
      "id": "ct-head",
      "name": "头颅CT平扫",
      "modalities": ["CT"],
      "body_parts": ["HEAD", "BRAIN", "SKULL"],
      "findings": "脑实质内未见明显异常密度影，灰白质分界清楚。各脑室、脑池大小形态正常，中线结构居中。小脑、脑干未见明显异常。颅骨骨质未见明显异常。",
      "impression": "头颅CT平扫未见明显异常。",
      "recommendations": "",
      "phrases": [
        "左侧基底节区见片状低密度影，边界欠清。",
        "双侧侧脑室旁白质见斑片状低密度影。",
        "右侧颞叶见团块状高密度影，CT值约65HU，周围见低密度水肿带。",
        "脑沟、脑裂增宽，脑室系统扩大。",
        "考虑左侧基底节区腔隙性脑梗死。",
        "考虑脑白质脱髓鞘改变。",
        "考虑右侧颞叶脑出血，请临床紧急处理。",
        "建议头颅MRI进一步检查。"
      ]
    },
    {
      "id": "ct-chest",
      "name": "胸部CT平扫",
      "modalities": ["CT"],
      "body_parts": ["CHEST", "LUNG", "THORAX"],
      "findings": "胸廓对称。两肺纹理清晰，两肺内未见明显实变及结节影。气管及主支气管通畅。纵隔内未见明显肿大淋巴结。心脏大小正常，心包未见积液。两侧胸腔未见积液。",
      "impression": "胸部CT平扫未见明显异常。",
      "recommendations": "",
      "phrases": [
        "右肺上叶见磨玻璃结节，大小约6mm×5mm。",
        "左肺下叶见斑片状实变影，其内可见支气管充气征。",
        "两肺散在条索影。",
        "两侧胸腔少量积液。",
        "考虑右肺上叶磨玻璃结节，建议6个月后复查。",
        "考虑左肺下叶肺炎。",
        "考虑两肺陈旧性病变。"
      ]
    },
    {
      "id": "ct-abdomen",
      "name": "腹部CT平扫",
      "modalities": ["CT"],
      "body_parts": ["ABDOMEN", "PELVIS", "LIVER"],
      "findings": "肝脏大小、形态正常，肝实质密度均匀，未见明显异常密度灶。胆囊不大，壁不厚。胰腺、脾脏未见明显异常。双肾大小形态正常，未见明显结石及积水。腹膜后未见明显肿大淋巴结。",
      "impression": "腹部CT平扫未见明显异常。",
      "recommendations": "",
      "phrases": [
        "肝实质密度弥漫性减低，CT值低于脾脏。",
        "胆囊内见结节状高密度影。",
        "右肾盂内见结节状高密度影，大小约5mm。",
        "阑尾增粗，周围脂肪间隙模糊。",
        "考虑脂肪肝。",
        "考虑胆囊结石。",
        "考虑右肾结石。",
        "考虑急性阑尾炎，请临床及时处理。"
      ]
    }
  ]
}
)CRJSON";

}  // namespace countyread::server
