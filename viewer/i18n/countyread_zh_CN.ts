<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>UiText</name>
    <message>
        <source>CountyRead Remote Reading</source>
        <translation>CountyRead 县域影像诊断</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>工作列表</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>患者姓名</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>患者ID</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查所见</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>诊断意见</translation>
    </message>
    <message>
        <source>Critical finding</source>
        <translation>危急值</translation>
    </message>
    <message>
        <source>Sign and send 签名并发送</source>
        <translation>签名并发送 Sign and send</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <source>Key password</source>
        <translation>私钥密码</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>(from the server)</source>
        <translation>(从服务器获取)</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>诊断报告</translation>
    </message>
    <message>
        <source>Double-click a study in the worklist first.</source>
        <translation>请先在工作列表中双击打开一个检查。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>Report signed and sent</source>
        <translation>报告已签名并发送</translation>
    </message>
    <message>
        <source>Report not accepted</source>
        <translation>报告发送失败</translation>
    </message>
    <message>
        <source>Could not load the study</source>
        <translation>检查加载失败</translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation>选择私钥文件</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Findings and impression must not be empty.</source>
        <translation>检查所见和诊断意见不能为空。</translation>
    </message>
    <message>
        <source>This study has no displayable images.</source>
        <translation>该检查没有可显示的图像。</translation>
    </message>
    <message>
        <source>Window (W)</source>
        <translation>窗宽窗位 (W)</translation>
    </message>
    <message>
        <source>Pan (M)</source>
        <translation>平移 (M)</translation>
    </message>
    <message>
        <source>Zoom (Z)</source>
        <translation>缩放 (Z)</translation>
    </message>
    <message>
        <source>Probe (P)</source>
        <translation>探针 (P)</translation>
    </message>
    <message>
        <source>Length (L)</source>
        <translation>长度 (L)</translation>
    </message>
    <message>
        <source>Angle (G)</source>
        <translation>角度 (G)</translation>
    </message>
    <message>
        <source>Cobb (C)</source>
        <translation>Cobb角 (C)</translation>
    </message>
    <message>
        <source>CTR (T)</source>
        <translation>心胸比 (T)</translation>
    </message>
    <message>
        <source>Ellipse (E)</source>
        <translation>椭圆ROI (E)</translation>
    </message>
    <message>
        <source>Rectangle (Q)</source>
        <translation>矩形ROI (Q)</translation>
    </message>
    <message>
        <source>Arrow (B)</source>
        <translation>箭头 (B)</translation>
    </message>
    <message>
        <source>Text (X)</source>
        <translation>文字 (X)</translation>
    </message>
    <message>
        <source>Fit (F)</source>
        <translation>适应 (F)</translation>
    </message>
    <message>
        <source>1:1 (A)</source>
        <translation>1:1 (A)</translation>
    </message>
    <message>
        <source>Rotate left ([)</source>
        <translation>左转 ([)</translation>
    </message>
    <message>
        <source>Rotate right (])</source>
        <translation>右转 (])</translation>
    </message>
    <message>
        <source>Flip H (H)</source>
        <translation>水平翻转 (H)</translation>
    </message>
    <message>
        <source>Flip V (V)</source>
        <translation>垂直翻转 (V)</translation>
    </message>
    <message>
        <source>Invert (I)</source>
        <translation>反相 (I)</translation>
    </message>
    <message>
        <source>Cine (Space)</source>
        <translation>电影 (空格)</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>窗预设</translation>
    </message>
    <message>
        <source>Overlays (O)</source>
        <translation>信息 (O)</translation>
    </message>
    <message>
        <source>Reset (Ctrl+R)</source>
        <translation>复位 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Delete annotation (Del)</source>
        <translation>删除标注 (Del)</translation>
    </message>
    <message>
        <source>Save annotations</source>
        <translation>保存标注</translation>
    </message>
    <message>
        <source>Annotation text:</source>
        <translation>标注文字：</translation>
    </message>
    <message>
        <source>images loaded</source>
        <translation>图像已加载</translation>
    </message>
    <message>
        <source>Enhance (D)</source>
        <translation>增强 (D)</translation>
    </message>
    <message>
        <source>MPR</source>
        <translation>MPR 多平面重建</translation>
    </message>
    <message>
        <source>Slab (slices)</source>
        <translation>层块厚度（层）</translation>
    </message>
    <message>
        <source>MIP</source>
        <translation>最大密度投影 MIP</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>轴位</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>冠状位</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>矢状位</translation>
    </message>
    <message>
        <source>MPR is not possible</source>
        <translation>无法进行多平面重建</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>in reading</source>
        <translation>阅片中</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签发</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已回传</translation>
    </message>
    <message>
        <source>routine</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <source>emergency</source>
        <translation>急诊</translation>
    </message>
    <message>
        <source>the server does not accept presentation states yet (POST /api/v1/studies/{uid}/presentation-states): %1</source>
        <translation>服务器尚不支持保存标注（POST /api/v1/studies/{uid}/presentation-states）：%1</translation>
    </message>
    <message>
        <source>3D (VR)</source>
        <translation>三维重建 (VR)</translation>
    </message>
    <message>
        <source>3D volume rendering is not possible</source>
        <translation>无法进行三维容积重建</translation>
    </message>
    <message>
        <source>3D preset:</source>
        <translation>三维预设：</translation>
    </message>
    <message>
        <source>Reset view (R)</source>
        <translation>重置视图 (R)</translation>
    </message>
    <message>
        <source>Left drag: rotate · wheel / right drag: zoom · middle drag: pan · 1–5: presets · arrows: turn 15° · R: reset</source>
        <translation>左键拖动：旋转 · 滚轮 / 右键拖动：缩放 · 中键拖动：平移 · 1–5：预设 · 方向键：转动 15° · R：重置</translation>
    </message>
    <message>
        <source>GPU ray casting</source>
        <translation>GPU 光线投射</translation>
    </message>
    <message>
        <source>CPU ray casting</source>
        <translation>CPU 光线投射</translation>
    </message>
    <message>
        <source>Priors</source>
        <translation>既往检查</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>检查描述</translation>
    </message>
    <message>
        <source>No prior studies of this patient.</source>
        <translation>该患者无既往检查。</translation>
    </message>
    <message>
        <source>Priors cannot be listed: %1</source>
        <translation>无法列出既往检查：%1</translation>
    </message>
    <message>
        <source>Open beside the current study</source>
        <translation>在当前检查旁打开</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>1×1 single image (Alt+1)</source>
        <translation>1×1 单幅 (Alt+1)</translation>
    </message>
    <message>
        <source>1×2 side by side (Alt+2)</source>
        <translation>1×2 左右并排 (Alt+2)</translation>
    </message>
    <message>
        <source>2×1 one above the other (Alt+3)</source>
        <translation>2×1 上下排列 (Alt+3)</translation>
    </message>
    <message>
        <source>2×2 four images (Alt+4)</source>
        <translation>2×2 四幅 (Alt+4)</translation>
    </message>
    <message>
        <source>Synchronised scrolling (Alt+S)</source>
        <translation>同步翻页 (Alt+S)</translation>
    </message>
    <message>
        <source>Save layout as default for this kind of study</source>
        <translation>保存布局为此类检查的默认布局</translation>
    </message>
    <message>
        <source>Layout saved for %1 studies: %2</source>
        <translation>已保存 %1 检查的布局：%2</translation>
    </message>
    <message>
        <source>The layout could not be saved</source>
        <translation>布局未能保存</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Prior</source>
        <translation>前片</translation>
    </message>
    <message>
        <source>returned for rescan</source>
        <translation>退回重拍</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>amended</source>
        <translation>已更正</translation>
    </message>
</context>
</TS>
