<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Written by hand, never by lupdate: texts of Qt's own dialogs that qtbase_zh_CN.qm lacks
     (their source text changed in Qt 6). ui/i18n.py installs the built .qm after qtbase. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;File name:</source>
        <translation>文件名称(&amp;F)：</translation>
    </message>
</context>
</TS>
