#include "tests/viewer/ReportFixtures.h"

#include <nlohmann/json.hpp>

#include "tests/viewer/DemoStudy.h"
#include "viewer/core/ServerClient.h"

namespace countyread::test {

std::string reportTemplatesJson() {
    using nlohmann::json;
    json list = json::array();
    list.push_back({{"id", "dr-chest-pa"},
                    {"name", "胸部正位DR"},
                    {"modalities", {"DX", "CR", "DR"}},
                    {"body_parts", {"CHEST"}},
                    {"findings", "胸廓对称，双肺纹理清晰。"},
                    {"impression", "胸部正位片未见明显异常。"},
                    {"recommendations", ""},
                    {"phrases", {"双肺纹理增多", "心影不大"}}});
    list.push_back({{"id", "ct-head"},
                    {"name", "头颅CT平扫"},
                    {"modalities", {"CT"}},
                    {"body_parts", {"HEAD", "BRAIN"}},
                    {"findings", "脑实质密度均匀，脑室系统未见扩张。"},
                    {"impression", "颅脑CT平扫未见明显异常。"},
                    {"recommendations", "必要时MRI进一步检查。"},
                    {"phrases", {"左侧基底节区见小片低密度影", "中线结构居中"}}});
    list.push_back({{"id", "ct-chest"},
                    {"name", "胸部CT平扫"},
                    {"modalities", {"CT"}},
                    {"body_parts", {"CHEST"}},
                    {"findings", "双肺野清晰。"},
                    {"impression", "胸部CT平扫未见明显异常。"},
                    {"recommendations", ""},
                    {"phrases", {"右肺上叶见磨玻璃结节"}}});
    list.push_back({{"id", "generic"},
                    {"name", "通用"},
                    {"modalities", json::array()},
                    {"body_parts", json::array()},
                    {"findings", ""},
                    {"impression", ""},
                    {"recommendations", ""},
                    {"phrases", json::array()}});
    return list.dump();
}

dicom::InstanceInfo demoStudyInfo(FakeServer& server) {
    viewer::ServerClient client(viewer::ServerUrl::parse(server.url()));
    client.login(FakeServer::kUser, FakeServer::kPassword);
    auto rows = client.instances(kDemoStudyUid);
    return dicom::readInstanceInfo(client.instance(rows.at(0).sop_instance_uid));
}

dicom::Bytes demoReportSr(FakeServer& server, const dicom::ReportContent& content) {
    return dicom::buildReportSr(demoStudyInfo(server), {}, content);
}

}  // namespace countyread::test
