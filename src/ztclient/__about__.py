"""The one source of the program's name, id and version (read by build.spec and installers)."""

NAME = "ztclient"
DISPLAY_NAME = "智慧政工离线客户端"
DISPLAY_NAME_EN = "ZT Offline Client"
APP_ID = "cn.ztclient.ZtClient"  # reverse-DNS id: desktop file, AppStream, Windows AppUserModelID
ORGANIZATION = "ztclient"
VERSION = "0.1.0"
