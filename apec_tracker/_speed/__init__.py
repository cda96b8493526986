"""_speed"""
