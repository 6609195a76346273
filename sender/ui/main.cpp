// countyread-township: the technician's window for the township gateway (Chinese UI).
//   countyread-township --config township.toml [--organization 问安镇卫生院]
//                       [--screenshot OUT.png]   render once and exit (headless demos)
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <iostream>

#include "sender/GatewayConfig.h"
#include "sender/ui/TechnicianWindow.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("countyread-township");
    QCommandLineParser parser;
    parser.setApplicationDescription("CountyRead 乡镇影像上传：检查状态与报告");
    parser.addHelpOption();
    QCommandLineOption config({"c", "config"}, "township.toml of the gateway", "file");
    QCommandLineOption outbox("outbox", "the gateway's outbox folder (instead of --config)", "dir");
    QCommandLineOption organization("organization", "shown in titles and on printed reports",
                                    "name", QStringLiteral("乡镇卫生院"));
    QCommandLineOption screenshot("screenshot", "save the window as PNG and exit", "file");
    parser.addOptions({config, outbox, organization, screenshot});
    parser.process(app);

    std::filesystem::path dir;
    try {
        if (parser.isSet(config))
            dir =
                countyread::sender::loadGatewayConfig(parser.value(config).toStdString()).data_dir;
        else if (parser.isSet(outbox))
            dir = parser.value(outbox).toStdString();
        else {
            std::cerr << "countyread-township: --config FILE or --outbox DIR is required\n";
            return 2;
        }
    } catch (const std::exception& e) {
        std::cerr << "countyread-township: " << e.what() << "\n";
        return 2;
    }
    countyread::sender::ui::TechnicianWindow window(dir, parser.value(organization));
    window.show();
    if (parser.isSet(screenshot)) {
        QTimer::singleShot(300, [&] {
            bool ok = window.grab().save(parser.value(screenshot));
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return app.exec();
}
