<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ReportPanel</name>
    <message>
        <source>Template</source>
        <translation>报告模板</translation>
    </message>
    <message>
        <source>Phrases (double-click or Enter inserts)</source>
        <translation>常用短语（双击或回车插入）</translation>
    </message>
    <message>
        <source>Current report</source>
        <translation>当前报告</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Correction (required): what the addendum changes</source>
        <translation>补充/更正说明（必填）</translation>
    </message>
    <message>
        <source>Preliminary: a senior verifies it</source>
        <translation>初步报告（需上级医生审核）</translation>
    </message>
    <message>
        <source>Key images</source>
        <translation>关键图像</translation>
    </message>
    <message>
        <source>Add key image</source>
        <translation>添加关键图像</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>补充/更正</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>报告医生</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>审核医生</translation>
    </message>
    <message>
        <source>New report</source>
        <translation>新报告</translation>
    </message>
    <message>
        <source>Verify report: preliminary by %1</source>
        <translation>审核报告：%1 的初步报告</translation>
    </message>
    <message>
        <source>Verify and sign</source>
        <translation>审核并签名</translation>
    </message>
    <message>
        <source>Preliminary report awaiting a senior's verification</source>
        <translation>初步报告已提交，等待上级医生审核</translation>
    </message>
    <message>
        <source>Addendum: the study has a signed report; write the correction</source>
        <translation>补充/更正：本检查已有签名报告，请填写更正说明</translation>
    </message>
    <message>
        <source>Sign addendum</source>
        <translation>签名并发送补充报告</translation>
    </message>
    <message>
        <source>Replace the findings, impression and recommendations with the template &quot;%1&quot;?</source>
        <translation>用模板“%1”替换检查所见、诊断意见和建议？</translation>
    </message>
    <message>
        <source>Series %1, image %2</source>
        <translation>序列 %1，图像 %2</translation>
    </message>
    <message>
        <source>Write the correction first: an addendum needs it.</source>
        <translation>请先填写补充/更正说明。</translation>
    </message>
    <message>
        <source>&quot;Preliminary&quot; is now ticked: sign again to send it for verification.</source>
        <translation>已勾选“初步报告”：请再次签名，提交上级医生审核。</translation>
    </message>
</context>
</TS>
