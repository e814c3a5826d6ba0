"""smpls: the 社会管理和公共服务综合标准化试点申请书 as data, rules and exports."""

from smpls.model import SCHEMA_VERSION, Application

__all__ = ["SCHEMA_VERSION", "Application"]
