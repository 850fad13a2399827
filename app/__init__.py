"""Role-Play Trainer (客服情景演练): an offline call-centre role-play simulator."""

__version__ = "0.1.0"
APP_NAME = "RolePlayTrainer"
APP_DISPLAY_NAME = "Role-Play Trainer"
