import { Module } from '@nestjs/common';
import { HomeController } from './home.controller';

/** The server-rendered signup page and its script. */
@Module({ controllers: [HomeController] })
export class WebModule {}
